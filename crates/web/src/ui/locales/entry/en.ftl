# The entry area's words (en).
