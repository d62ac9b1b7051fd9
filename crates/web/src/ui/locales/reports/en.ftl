# The reports area's words (en).
