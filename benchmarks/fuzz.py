"""A longer fuzz run of the readers and rules than CI makes.

usage: python benchmarks/fuzz.py [EXAMPLES]   (default 5000 per property)

Runs the Hypothesis properties of tests/test_hostile.py (arbitrary bytes,
arbitrary frontmatter text, arbitrary YAML values: never an exception, every
finding inside the file) with many more examples than the 150 CI uses.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def main(argv: list[str]) -> int:
    examples = argv[0] if argv else "5000"
    environment = {**os.environ, "DECISIONS_FUZZ_EXAMPLES": examples}
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
               str(REPO / "tests" / "test_hostile.py"), "-k", "arbitrary", "--hypothesis-show-statistics"]
    return subprocess.run(command, cwd=REPO, env=environment).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
