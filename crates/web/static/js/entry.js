// The entry area's script (served after app.js as one /static/app.js).
