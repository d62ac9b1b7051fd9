# The notify area's words (ru).
