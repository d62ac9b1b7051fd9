# The offers area's words (cs).
