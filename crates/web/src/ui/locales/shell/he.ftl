# The shell area's words (he).
