import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

# the run cache (okla_lint/core/cache.py) of every CLI run in the tests goes to a temporary
# folder, never into fixtures/ or the corpus: one per test process (each pytest-xdist worker
# imports this file with the environment of the process that started it), so workers never
# share a cache; a folder set by the caller is kept
_OWN_CACHE = "OKLA_LINT_TEST_OWN_CACHE_DIR"
if "OKLA_LINT_CACHE_DIR" not in os.environ or os.environ.get(_OWN_CACHE) == os.environ["OKLA_LINT_CACHE_DIR"]:
    os.environ["OKLA_LINT_CACHE_DIR"] = os.environ[_OWN_CACHE] = tempfile.mkdtemp(prefix="okla-lint-test-cache-")

# compiled modules: under PYTHONDONTWRITEBYTECODE (and in a fresh clone) every process the
# suite starts (each worker, ~40 `python -m okla_lint` runs, the language server) compiled
# every okla_lint module again, ~0.5 s of CPU each; they are written to a folder of the
# temporary directory instead (PYTHONPYCACHEPREFIX), never into the source tree. What runs
# does not change: Python checks each compiled file against its source.
if sys.dont_write_bytecode or os.environ.get("PYTHONDONTWRITEBYTECODE"):
    _prefix = os.environ.get("PYTHONPYCACHEPREFIX") or os.path.join(
        tempfile.gettempdir(), f"okla-lint-test-pycache-{os.getuid() if hasattr(os, 'getuid') else 0}")
    os.environ["PYTHONPYCACHEPREFIX"] = sys.pycache_prefix = _prefix
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    sys.dont_write_bytecode = False


def pytest_xdist_auto_num_workers(config):
    """``-n auto`` (pyproject.toml): every core for the suite or a folder of it; one process
    when the command names test files or single tests (starting workers costs more than
    they save there, and one process is what a quick edit-and-run loop wants)."""
    args = [a.split("::")[0] for a in config.args]
    if args and all((config.invocation_params.dir / a).is_file() for a in args):
        return 0
    return None  # pytest-xdist's own choice: the number of cores


def pytest_collection_modifyitems(config, items):
    """Tests marked ``slow(seconds)`` run first, longest first: pytest-xdist hands the first
    tests out one by one to each worker in turn, so they start at once on different workers
    instead of one of them ending the run alone while the other is idle. The order of the
    other tests is kept."""

    def weight(item) -> float:
        m = item.get_closest_marker("slow")
        return -(m.args[0] if m and m.args else 1) if m else 0

    items.sort(key=weight)
