# The lists area's words (cs).
lists-late-nav = Zpožděné
lists-leads = Všechny poptávky
lists-all-leads = Všechny poptávky včetně uzavřených
lists-leads-hint = Každá poptávka, otevřená i uzavřená; filtrujte, řaďte podle libovolného sloupce, pracujte s více najednou.
lists-any-status = Jakýkoli stav
lists-status-open = Otevřená
lists-status-won = Vyhraná
lists-status-lost = Ztracená
lists-status-junk = Nevyžádaná
lists-select-page = Vybrat vše na této stránce
lists-pages = Stránky
lists-prev = ← Předchozí
lists-next = Další →
lists-range = { $first }–{ $last } z { $total }
lists-range-none = Žádná z { $total }
lists-bulk = S vybranými
lists-bulk-selected = S vybranými:
lists-bulk-assign = Přidělit
lists-bulk-move = Přesunout
lists-bulk-close = Uzavřít
lists-inquiries = { $n ->
    [one] jednu poptávku
    [few] { $n } poptávky
    [many] { $n } poptávky
   *[other] { $n } poptávek
}
lists-bulk-assign-q = Přidělit { $leads } uživateli { $to }?
lists-bulk-stage-q = Přesunout { $leads } do fáze „{ $to }“?
lists-bulk-close-q = Uzavřít { $leads } jako „{ $to }“?
lists-bulk-assign-yes = Ano, přidělit
lists-bulk-stage-yes = Ano, přesunout
lists-bulk-close-yes = Ano, uzavřít
lists-bulk-assign-done = Přiděleno: { $n }
lists-bulk-stage-done = Přesunuto: { $n }
lists-bulk-close-done = Uzavřeno: { $n }
lists-bulk-refused = odmítnuto: { $n }
lists-bulk-refused-list = Nezměněno
lists-back-to-list = Zpět na seznam
lists-cancel = Zrušit
lists-bulk-none = Nejprve zaškrtněte aspoň jednu poptávku.
lists-bulk-too-many = Najednou nejvýše 500 poptávek.
lists-bulk-no-action = Vyberte, co s nimi udělat.
lists-merge-col = Stejná osoba?
lists-merge-hint = Stejný člověk zadaný dvakrát? U jednoho záznamu zvolte „Sloučit…“, najděte druhý, porovnejte je a vyberte, který zůstane. Sloučení lze den vrátit.
lists-merge-start = Sloučit…
lists-company-id = IČO
lists-merge-title = Sloučit kontakty
lists-merge-compare-hint = Oba záznamy vedle sebe. Ten, který ponecháte, zůstane; poptávky, telefony a e-maily druhého přejdou k němu.
lists-merge-keep = Ponechat tento
lists-merge-what = Nic se neztratí: druhý záznam zůstane uložen a sloučení můžete 24 hodin vrátit.
lists-merge-confirm = Sloučit
lists-merge-other = Vybrat jiný
lists-merge-find = Který záznam je také { $name }? Hledejte podle jména, telefonu nebo e-mailu.
lists-merge-none = Žádný jiný kontakt neodpovídá.
lists-merge-compare = Porovnat
lists-merged-title = Sloučeno
lists-merged = { $merged } sloučen do { $kept }:
lists-unmerged-title = Sloučení vráceno
lists-unmerged = { $kept } a { $merged } jsou opět dva kontakty, každý se svými poptávkami, telefony a e-maily.
lists-undo = Vrátit
lists-undo-until = Vrátit lze do { $until }, dokud se žádný z kontaktů nezmění.
lists-back-to-contacts = Zpět na kontakty
lists-moved-leads = { $n ->
    [one] přesunuta jedna poptávka
    [few] přesunuty { $n } poptávky
    [many] přesunuto { $n } poptávky
   *[other] přesunuto { $n } poptávek
}
lists-moved-activities = { $n ->
    [one] jedna aktivita
    [few] { $n } aktivity
    [many] { $n } aktivity
   *[other] { $n } aktivit
}
lists-moved-identities = { $n ->
    [one] jeden telefon či e-mail
    [few] { $n } telefony a e-maily
    [many] { $n } telefonu a e-mailu
   *[other] { $n } telefonů a e-mailů
}
lists-late-title = Co je právě zpožděné
lists-late-hint-all = Úkoly po termínu a překročené či ohrožené lhůty všech, nejzpožděnější první.
lists-late-hint-mine = Vaše úkoly a lhůty po termínu a ty, které nikdo nemá, nejzpožděnější první.
lists-late-none = Nic není zpožděné. Výborně.
lists-late-what = Co
lists-late-holder = Kdo to má
lists-late-how = Zpoždění
lists-late-kind-task = Úkol
lists-late-kind-breached = Překročeno
lists-late-kind-at-risk = Ohroženo
lists-late-task = { $title }
lists-late-breached = { $title }
lists-late-at-risk = { $title }
lists-late-by = o { $time } později
lists-late-due-in = za { $time }
