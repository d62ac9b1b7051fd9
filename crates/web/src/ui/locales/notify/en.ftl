# The notify area's words (en).
