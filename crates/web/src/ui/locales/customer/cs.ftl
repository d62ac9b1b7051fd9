# Pronto: zákazníkova vlastní stránka (/t/…) a zveřejněný postup (/process/…), čeština.
# Také těch pár slov, která o ní potřebují obrazovky týmu. Klíče začínají `c-`.

c-page-title = Vaše poptávka
c-hello = Dobrý den, { $name },
c-hello-anon = Dobrý den,
c-intro = Na této stránce uvidíte, jak vaše poptávka postupuje: kroky našeho postupu, kde právě jste a co bude následovat.
c-received = Přijato { $when }
c-language = Jazyk

# Kdo se o zákazníka stará.
c-who = Kdo se o vás stará: { $name }, { $role }
c-who-role = Kdo se o vás stará: { $role }

# Zda je případ ve standardní lhůtě.
c-on-time = Vaše poptávka postupuje v termínu.
c-late = Tento krok trvá déle, než je naše standardní lhůta. Pracujeme na tom; můžete nám také napsat níže.
c-closed-won = Hotovo: děkujeme za vaši důvěru.
c-closed-lost = Tato poptávka je uzavřená.
c-next = Další krok: { $step }
c-next-within = Naše standardní lhůta: { $duration }
c-next-by = Očekáváme nejpozději { $when }
c-next-depends = Další krok začne, jakmile se nám ozvete.

# Kroky.
c-steps = Kroky
c-step-done = hotovo
c-step-current = tady jste
c-step-ahead = čeká vás
c-generic-received = Přijato
c-generic-received-desc = Vaši poptávku máme a stará se o ni konkrétní člověk.
c-generic-in_progress = Probíhá
c-generic-in_progress-desc = Na vaší poptávce pracujeme.
c-generic-done = Hotovo
c-generic-done-desc = Vaše poptávka je vyřízená.
c-generic-closed = Uzavřeno
c-generic-closed-desc = Tato poptávka je uzavřená.

# Standardní lhůty.
c-within-minutes = { $n ->
    [one] do { $n } minuty
    [few] do { $n } minut
    [many] do { $n } minuty
   *[other] do { $n } minut
}
c-within-working-minutes = { $n ->
    [one] do { $n } pracovní minuty
    [few] do { $n } pracovních minut
    [many] do { $n } pracovní minuty
   *[other] do { $n } pracovních minut
}
c-within-hours = { $n ->
    [one] do { $n } hodiny
    [few] do { $n } hodin
    [many] do { $n } hodiny
   *[other] do { $n } hodin
}
c-within-working-hours = { $n ->
    [one] do { $n } pracovní hodiny
    [few] do { $n } pracovních hodin
    [many] do { $n } pracovní hodiny
   *[other] do { $n } pracovních hodin
}
c-within-days = { $n ->
    [one] do { $n } dne
    [few] do { $n } dnů
    [many] do { $n } dne
   *[other] do { $n } dnů
}
c-within-working-days = { $n ->
    [one] do { $n } pracovního dne
    [few] do { $n } pracovních dnů
    [many] do { $n } pracovního dne
   *[other] do { $n } pracovních dnů
}

# Role, jak je čte zákazník (v 1. pádě: věty níže je používají samostatně).
c-role-admin = administrátor
c-role-manager = obchodní manažer
c-role-consultant = konzultant
c-role-specialist = specialista
c-role-coordinator = koordinátor
c-role-secretary = sekretariát

# Co se stalo, slovy zákazníka. `$role` je už slovo shora.
c-history = Co se stalo
c-history-empty = Zatím nic.
c-h-received = Přijali jsme vaši poptávku ({ $channel })
c-h-assigned = Vaši poptávku převzal člověk z našeho týmu
c-h-step = Dosažený krok: { $step }
c-h-called = Zavolali jsme vám ({ $role })
c-h-called-anon = Zavolali jsme vám
c-h-tried = Zkoušeli jsme vám zavolat ({ $role })
c-h-tried-anon = Zkoušeli jsme vám zavolat
c-h-you-called = Zavolali jste nám
c-h-emailed = Poslali jsme vám e-mail ({ $role })
c-h-emailed-anon = Poslali jsme vám e-mail
c-h-you-emailed = Napsali jste nám e-mail
c-h-texted = Poslali jsme vám SMS
c-h-met = Setkali jste se s námi ({ $role })
c-h-met-anon = Setkali jste se s námi
c-h-you-wrote = Napsali jste:
c-h-you-asked-callback = Požádali jste, abychom vám zavolali zpět { $when }
c-h-you-sent = Poslali jste dokument { $name }

# Kanály.
c-channel-web = webový formulář
c-channel-email = e-mail
c-channel-phone = telefon
c-channel-in_person = osobně
c-channel-api = online

# Dny a měsíce, pro „út 24. lis 10:02“.
c-day-1 = po
c-day-2 = út
c-day-3 = st
c-day-4 = čt
c-day-5 = pá
c-day-6 = so
c-day-7 = ne
c-month-1 = led
c-month-2 = úno
c-month-3 = bře
c-month-4 = dub
c-month-5 = kvě
c-month-6 = čvn
c-month-7 = čvc
c-month-8 = srp
c-month-9 = zář
c-month-10 = říj
c-month-11 = lis
c-month-12 = pro
c-datetime = { $day } { $d }. { $month } { $time }

# Co může zákazník udělat.
c-write = Napište nám
c-message-label = Vaše zpráva
c-message-send = Odeslat zprávu
c-callback = Zavolejte mi zpět
c-callback-when = Kdy
c-callback-note = Poznámka (nepovinné)
c-callback-send = Požádat o zavolání
c-upload = Poslat dokument
c-upload-help = Například vaše firemní údaje nebo údaje potřebné pro doručení. PDF, obrázek, Word, Excel, OpenDocument nebo text, nejvýše { $mb } MB. Dokumenty ukládáme šifrovaně.
c-upload-file = Dokument
c-upload-send = Odeslat dokument
c-sent-message = Děkujeme: vaši zprávu jsme předali dál.
c-sent-callback = Děkujeme: zavoláme vám zpět v čase, který jste si vybrali.
c-sent-document = Děkujeme: váš dokument jsme přijali.
c-error-message = Napište prosím zprávu (nejvýše { $n } znaků).
c-error-callback-time = Vyberte prosím čas v budoucnosti, nejpozději za 30 dní.
c-error-file-missing = Vyberte prosím soubor.
c-error-file-size = Soubor je příliš velký: nejvýše { $mb } MB.
c-error-file-type = Tento druh souboru nepřijímáme: pošlete PDF, obrázek, Word, Excel, OpenDocument nebo textový soubor.
c-error-too-many = Příliš mnoho požadavků; zkuste to prosím znovu za minutu.
c-private = Tato stránka je soukromá: uvidí ji každý, kdo má její odkaz, proto ho prosím s nikým nesdílejte.

# Zveřejněný postup.
c-process-title = Co od nás můžete čekat
c-process-intro = Každá poptávka prochází těmito kroky. Uvedené časy jsou naše standardy; počítá se pracovní doba, tedy pondělí až pátek v úředních hodinách.
c-process-who = Kdo: { $role }
c-process-then = Poté: { $duration }

# Stránka, která neexistuje (chybný, nahrazený nebo propadlý odkaz).
c-not-found-title = Tato stránka neexistuje
c-not-found-text = Odkaz není platný: mohla vypršet jeho platnost, nebo byl nahrazen. Ozvěte se nám a pošleme vám nový.

# Obrazovky týmu.
c-team-page = Stránka zákazníka
c-team-page-help = Zde zákazník sleduje svou poptávku. Pokud se odkaz dostal k nesprávné osobě, zrušte ho: vytvoří se nový a starý přestane fungovat.
c-team-revoke = Zrušit odkaz
c-team-documents = Dokumenty od zákazníka
