// The offers area's script.
