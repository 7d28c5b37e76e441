import { createMemoryStore } from './document-store.ts';
import { storeContract } from './store.contract.ts';

storeContract('memory', createMemoryStore);
