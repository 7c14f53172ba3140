"""drafter: replies to 政协提案 and 人大建议, from YAML fact sheets to GB/T 9704 Word files."""

# The one place the version is written: pyproject.toml reads it from here (dynamic version).
__version__ = "0.1.0"


def installed_version() -> str:
    """The version of the installed distribution, or __version__ when drafter runs from a checkout
    that was never installed."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("drafter")
    except PackageNotFoundError:
        return __version__
