import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

# the run cache (okla_lint/core/cache.py) of every CLI run in the tests goes to one temporary
# folder, never into fixtures/ or the corpus
os.environ.setdefault("OKLA_LINT_CACHE_DIR", tempfile.mkdtemp(prefix="okla-lint-test-cache-"))


def pytest_xdist_auto_num_workers(config):
    """``-n auto`` (pyproject.toml): every core for the suite or a folder of it; one process
    when the command names test files or single tests (starting workers costs more than
    they save there, and one process is what a quick edit-and-run loop wants)."""
    args = [a.split("::")[0] for a in config.args]
    if args and all((config.invocation_params.dir / a).is_file() for a in args):
        return 0
    return None  # pytest-xdist's own choice: the number of cores
