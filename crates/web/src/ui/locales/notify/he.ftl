# The notify area's words (he).
