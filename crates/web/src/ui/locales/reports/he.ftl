# The reports area's words (he).
