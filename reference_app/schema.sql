-- Citizen Self Service reference portal: residents, utility accounts, their bills and links.

DROP TABLE IF EXISTS account_link;
DROP TABLE IF EXISTS bill;
DROP TABLE IF EXISTS utility_account;
DROP TABLE IF EXISTS resident;

CREATE TABLE resident (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  email TEXT UNIQUE NOT NULL,
  password_hash TEXT NOT NULL,
  created_at TEXT NOT NULL,
  last_login_at TEXT,
  previous_login_at TEXT
);

-- The account number belongs to the service location; the customer ID to the person billed.
CREATE TABLE utility_account (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  number TEXT UNIQUE NOT NULL CHECK (length(number) = 6),
  customer_id TEXT NOT NULL CHECK (length(customer_id) = 7),
  customer_name TEXT NOT NULL,
  service_address TEXT NOT NULL
);

CREATE TABLE bill (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  account_id INTEGER NOT NULL REFERENCES utility_account (id),
  bill_date TEXT NOT NULL,
  due_date TEXT NOT NULL,
  amount_cents INTEGER NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('Paid', 'Due'))
);

CREATE TABLE account_link (
  resident_id INTEGER NOT NULL REFERENCES resident (id),
  account_id INTEGER NOT NULL REFERENCES utility_account (id),
  linked_at TEXT NOT NULL,
  PRIMARY KEY (resident_id, account_id)
);
