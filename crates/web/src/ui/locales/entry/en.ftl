# The entry area's words (en).
entry-new-nav = New inquiry
