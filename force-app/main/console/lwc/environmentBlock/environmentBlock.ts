import { LightningElement, api } from 'lwc';
import { asMessageItems, type MessageItem } from 'c/syncFormat';

/**
 * The org the console runs in: its name, its instance and a badge saying production or sandbox
 * (amber for a sandbox), and above them why the org could not be read. Shown in the Connection
 * panel and in the wizard's environment step.
 */
export default class EnvironmentBlock extends LightningElement {
  /** The org as ConnectionController.getEnvironment describes it; undefined until read. */
  @api environment?: InsightsSync.ConsoleEnvironment;
  /** Why the org could not be read, one message a line; empty when it was. */
  @api errors: string[] = [];

  get hasEnvironment(): boolean {
    return this.environment !== undefined && this.environment !== null;
  }

  get instanceLabel(): string {
    return this.environment?.instanceName ?? 'Unknown';
  }

  get environmentBadgeClass(): string {
    return this.environment?.isSandbox ? 'slds-theme_warning' : 'slds-theme_success';
  }

  get errorItems(): MessageItem[] {
    return asMessageItems(this.errors ?? []);
  }

  get hasErrors(): boolean {
    return (this.errors ?? []).length > 0;
  }
}
