// The catalogue area's script.
