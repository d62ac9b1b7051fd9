# The entry area's words (cs).
