"""Run mxguard as `python -m mxguard`."""

from mxguard.main import main

if __name__ == "__main__":
    main()
