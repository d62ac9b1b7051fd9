// The settings area's script (issue 19).
