# The reports area's words (cs).
