# The invoices area's words (issue 21).

## The invoices on the timeline
words-ev-invoice-issued = { $who } выставил(а) счёт { $number }: { $gross } { $currency }, оплатить до { $due }.

## The message that brings the documents
inv-mail-subject = Счёт { $number } от { $company }
inv-mail-text =
    Здравствуйте!
    {""}
    Спасибо за заказ. Счёт { $number } и документы — на вашей странице:
    { $link }
    {""}
    Сумма: { $total }
    Оплатить до: { $due }
    Назначение платежа: { $vs }
    Счёт получателя: { $account }
    Доставка: { $delivery }
inv-sms-text = Счёт { $number } ({ $total }, до { $due }, назначение { $vs }) на вашей странице: { $link }
inv-mail-delivery-agreed = по договорённости

## Statuses
inv-status-issued = выставлен
inv-status-partially_paid = оплачен частично
inv-status-paid = оплачен
inv-status-overdue = просрочен
inv-status-cancelled = аннулирован

## The lead card
inv-card-title = Счета
inv-card-none = Счетов пока нет.
inv-card-number = Счёт { $number }
inv-card-dates = выставлен { $issued }, оплатить до { $due }
inv-card-paid = оплачено { $paid }
inv-card-issue = Выставить счёт по предложению, версия { $version }
inv-card-issued = Счёт { $number } выставлен, документы отправлены клиенту.
inv-card-refused-no-requisites = Счёт пока нельзя выставить: сначала внесите личные данные или реквизиты компании клиента.
inv-card-refused-not-accepted = Счёт выставляется только по предложению, которое клиент принял.
inv-card-refused-invoiced = По этому предложению счёт уже выставлен.
inv-doc-invoice = Счёт (PDF)
inv-doc-contract = Договор (PDF)

## The customer's page
c-inv-title = Ваши счета
c-inv-invoice = Счёт { $number }
c-inv-total = Сумма { $total }
c-inv-due = оплатить до { $date }
c-inv-reference = назначение платежа { $vs }
c-inv-pdf = Скачать счёт (PDF)
c-inv-contract-pdf = Скачать договор (PDF)

## The company's settings: invoicing
inv-set-title = Счета
inv-set-help = Что ваши счета сообщают о компании и как они нумеруются.
inv-set-registration-id = Регистрационный номер (ИНН)
inv-set-vat-id = Номер плательщика НДС
inv-set-bank-account = Банковский счёт
inv-set-iban = IBAN
inv-set-bic = БИК / SWIFT
inv-set-terms = Срок оплаты (дней)
inv-set-pattern = Шаблон номера счёта
inv-set-pattern-help = {"{"}YYYY{"}"} или {"{"}YY{"}"} — год, {"{"}NNNN{"}"} — порядковый номер из стольких цифр, сколько N; например, {"{"}YYYY{"}{"}NNNN{"}"} даёт 20260001.
inv-set-save = Сохранить
inv-set-saved = Настройки счетов сохранены.
inv-set-err-text = не более { $max } символов в одну строку
inv-set-err-iban = `{ $v }` — неверный IBAN (проверьте цифры)
inv-set-err-terms = `{ $v }` — не число дней от 0 до 365
inv-set-err-pattern = `{ $v }`: { $why }
