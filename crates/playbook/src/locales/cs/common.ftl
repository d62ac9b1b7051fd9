# Pronto: názvy kanálů používané v upozorněních (čeština).

channel-web = web
channel-email = e-mail
channel-phone = telefon
channel-in_person = osobně
channel-api = API
channel-chat = chat
channel-import = import
