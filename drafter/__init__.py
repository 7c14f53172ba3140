"""drafter: replies to 政协提案 and 人大建议, from YAML fact sheets to GB/T 9704 Word files."""

__version__ = "0.1.0"
