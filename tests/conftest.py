import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

# the run cache (okla_lint/core/cache.py) of every CLI run in the tests goes to one temporary
# folder, never into fixtures/ or the corpus
os.environ.setdefault("OKLA_LINT_CACHE_DIR", tempfile.mkdtemp(prefix="okla-lint-test-cache-"))
