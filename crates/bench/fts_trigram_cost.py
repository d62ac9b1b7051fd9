"""What the leads' trigram search index (migration 19) costs a write: 20,000 rows of about 170
characters inserted in transactions of 20, without the index and with it (FTS5, trigram,
external content, an insert trigger), in Python's own SQLite. Run: python3 crates/bench/fts_trigram_cost.py
(docs/performance.md, issue 18)."""
import sqlite3, time, random, os, tempfile
DB = os.path.join(tempfile.mkdtemp(), 'fts.db')
random.seed(1)
words=["jana","novakova","petr","svoboda","okna","strecha","dvere","praha","brno","zakaznik","nabidka","poptavka","dobry","den","chtel","bych","cenu","montaz"]
texts=[" ".join(random.choice(words) for _ in range(20))+f" +420777{i:06d} user{i}@example.cz" for i in range(20000)]
def run(fts, extra=""):
    if os.path.exists(DB): os.remove(DB)
    c=sqlite3.connect(DB, isolation_level=None)
    c.execute("PRAGMA journal_mode=WAL"); c.execute("PRAGMA synchronous=NORMAL")
    c.execute("CREATE TABLE leads(id INTEGER PRIMARY KEY, search TEXT NOT NULL)")
    if fts:
        c.execute(f"CREATE VIRTUAL TABLE leads_fts USING fts5(search, content='leads', content_rowid='id', tokenize='trigram'{extra})")
        c.execute("CREATE TRIGGER ai AFTER INSERT ON leads BEGIN INSERT INTO leads_fts(rowid, search) VALUES (new.id, new.search); END")
    t=time.time()
    for b in range(0,len(texts),20):
        c.execute("BEGIN")
        for s in texts[b:b+20]:
            c.execute("INSERT INTO leads(search) VALUES (?)",(s,))
        c.execute("COMMIT")
    return time.time()-t
print("sqlite", sqlite3.sqlite_version)
print("no index", run(False))
print("fts", run(True))
print("fts columnsize=0", run(True, ", columnsize=0"))
print("fts detail=column", run(True, ", detail=column"))
