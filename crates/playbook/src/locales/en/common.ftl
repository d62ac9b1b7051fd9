# Pronto: channel names used inside alerts (English).

channel-web = web
channel-email = e-mail
channel-phone = phone
channel-in_person = in person
channel-api = API
channel-chat = chat
channel-import = import
