"""placeholder"""
from drafter.checker.engine import check_paths, check_reply, check_text  # noqa: F401
from drafter.checker.finding import Finding  # noqa: F401
