// The admin console's entry: registers its elements; the page at /admin places <hub-admin>.
import { define } from '../widgets/core/define.js';
import { AdminBackup } from './admin-backup.js';
import { AdminCreate } from './admin-create.js';
import { AdminFeeds } from './admin-feeds.js';
import { AdminFinder } from './admin-finder.js';
import { AdminHistory } from './admin-history.js';
import { AdminImports } from './admin-imports.js';
import { AdminKeys } from './admin-keys.js';
import { AdminLinks } from './admin-links.js';
import { AdminRecordScreen } from './admin-record.js';
import { HubAdmin } from './hub-admin.js';

define('admin-finder', AdminFinder);
define('admin-create', AdminCreate);
define('admin-record', AdminRecordScreen);
define('admin-links', AdminLinks);
define('admin-history', AdminHistory);
define('admin-imports', AdminImports);
define('admin-feeds', AdminFeeds);
define('admin-keys', AdminKeys);
define('admin-backup', AdminBackup);
define('hub-admin', HubAdmin);
