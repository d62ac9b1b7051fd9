# The shell area's words (cs).
