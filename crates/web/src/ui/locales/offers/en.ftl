# The offers area's words (en).
