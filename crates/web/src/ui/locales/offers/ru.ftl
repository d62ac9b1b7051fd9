# The offers area's words (ru).

## Предложения в хронологии
words-ev-offer-created = { $who }: подготовлено предложение, версия { $version }: { $gross } { $currency }.
words-ev-offer-sent = { $who }: предложение, версия { $version }, отправлено клиенту.
words-ev-offer-accepted = Клиент принял предложение, версия { $version }. { $note }
words-ev-offer-declined = Клиент отклонил предложение, версия { $version }. { $note }
words-ev-offer-changes-requested = Клиент просит изменить предложение, версия { $version }. { $note }
