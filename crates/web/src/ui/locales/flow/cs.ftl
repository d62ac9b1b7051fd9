# The flow area's words (cs).
