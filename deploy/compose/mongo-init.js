// Run by mongosh once the three members answer ping, as the root user on mongo1: initiates the
// replica set (MongoDB's "Deploy a Self-Managed Replica Set with Keyfile Authentication"), waits
// for a primary, then creates or updates the engine's own user, which may only read, write and
// index its one database. Safe to run again.
const dbName = process.env.MONGODB_DB;
const appPassword = process.env.MONGO_APP_PASSWORD;
if (!dbName || !appPassword) throw new Error('MONGODB_DB and MONGO_APP_PASSWORD must be set');

try {
  rs.status();
  print('replica set rs0: already initiated');
} catch (error) {
  if (error.codeName !== 'NotYetInitialized') throw error;
  rs.initiate({
    _id: 'rs0',
    members: [
      { _id: 0, host: 'mongo1:27017', priority: 2 },
      { _id: 1, host: 'mongo2:27017' },
      { _id: 2, host: 'mongo3:27017' },
    ],
  });
  print('replica set rs0: initiated');
}

const deadline = Date.now() + 120_000;
while (!db.hello().isWritablePrimary) {
  if (Date.now() > deadline) throw new Error('no primary within 120 s');
  sleep(1000);
}

const admin = db.getSiblingDB('admin');
const roles = [
  { role: 'readWrite', db: dbName },
  { role: 'dbAdmin', db: dbName },
];
if (admin.getUser('sales')) {
  admin.updateUser('sales', { pwd: appPassword, roles });
  print('user sales: updated');
} else {
  admin.createUser({ user: 'sales', pwd: appPassword, roles });
  print('user sales: created');
}
