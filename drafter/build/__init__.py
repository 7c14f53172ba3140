"""`drafter build`: a whole folder of replies, in parallel and incrementally.

discover (sheets and targets) → check (manifest of content hashes) → worker (process pool,
warm per process) → manifest → report. See run.build for the order of things.
"""
