"""mxguard: cited answers about Mexico's National Guard, in the terminal."""

__version__ = "0.1.0"
