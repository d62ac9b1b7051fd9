# The offers area's words (he).
