# The notify area's words (cs).
