"""The workbench's own widgets, one (or one small family) per module."""
