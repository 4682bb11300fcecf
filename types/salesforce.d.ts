// Types of the Lightning base components (`lightning/*`) and `@salesforce/*` scoped modules.
import '@salesforce/lightning-types';
