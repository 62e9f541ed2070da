/**
 * Prints, one line each, the botocore model and SDK namespace of every service in the
 * descriptor table (src/aws/services.ts), for scripts/make-float-members.py to read:
 *
 *     node dist/scripts/float-member-models.js | /usr/bin/python3 scripts/make-float-members.py > src/output/float-members-data.ts
 */
import { SERVICES } from '../src/aws/services.js';

for (const service of Object.values(SERVICES)) process.stdout.write(`${service.botocoreModel} ${service.namespace}\n`);
