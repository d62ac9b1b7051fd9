# The entry area's words (he).
