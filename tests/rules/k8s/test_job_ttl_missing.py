"""What `job-ttl-missing` reports (a standalone Job has no ttlSecondsAfterFinished): exact
rule, path, line and column."""
from __future__ import annotations

from helpers import lint, locs, write_files


def test_job_ttl_only_standalone_jobs(tmp_path):
    job = "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: j\n  ownerReferences: [{kind: CronJob, name: c}]\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers: [{name: c, image: 'busybox:1.36'}]\n"
    cron = "apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: c}\nspec:\n  schedule: '@daily'\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: Never\n          containers: [{name: c, image: 'busybox:1.36'}]\n"
    write_files(tmp_path, {"job.yaml": job, "cron.yaml": cron})
    assert locs(lint(tmp_path, select=["job-ttl-missing"])) == []
