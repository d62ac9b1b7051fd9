# The flow area's words (he).
