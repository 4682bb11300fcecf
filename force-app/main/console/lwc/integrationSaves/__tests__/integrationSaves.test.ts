import { onError, subscribe, unsubscribe, type EmpMessage } from 'lightning/empApi';
import getSaveEventChannel from '@salesforce/apex/IntegrationController.getSaveEventChannel';
import {
  isSameJob,
  listenForSaves,
  loadSaveEventNames,
  NO_CHANNEL_MESSAGE,
  readSave,
  type SaveEventNames
} from 'c/integrationSaves';

jest.mock(
  '@salesforce/apex/IntegrationController.getSaveEventChannel',
  () => ({ default: jest.fn() }),
  { virtual: true }
);

const subscribeMock = subscribe as jest.MockedFunction<typeof subscribe>;
const unsubscribeMock = unsubscribe as jest.MockedFunction<typeof unsubscribe>;
const onErrorMock = onError as jest.MockedFunction<typeof onError>;
const getSaveEventChannelMock = getSaveEventChannel as jest.MockedFunction<
  typeof getSaveEventChannel
>;

/** The names as describe answers them in an org where the package has the namespace `insync`. */
const NAMESPACED: SaveEventNames = {
  channel: '/event/insync__Integration_Saved__e',
  developerNameField: 'insync__Developer_Name__c',
  deployJobIdField: 'insync__Deploy_Job_Id__c',
  successField: 'insync__Success__c',
  messageField: 'insync__Message__c'
};

const UNNAMESPACED: SaveEventNames = {
  channel: '/event/Integration_Saved__e',
  developerNameField: 'Developer_Name__c',
  deployJobIdField: 'Deploy_Job_Id__c',
  successField: 'Success__c',
  messageField: 'Message__c'
};

function savedMessage(channel: string, payload: Record<string, unknown>): EmpMessage {
  return { channel, data: { payload } };
}

describe('c/integrationSaves', () => {
  beforeEach(() => {
    getSaveEventChannelMock.mockResolvedValue(NAMESPACED);
  });

  afterEach(() => {
    jest.clearAllMocks();
  });

  it('listens, for new events only, on the channel the Apex names', async () => {
    await listenForSaves(jest.fn());

    expect(getSaveEventChannelMock).toHaveBeenCalledTimes(1);
    expect(subscribeMock).toHaveBeenCalledTimes(1);
    const [channel, replayId] = subscribeMock.mock.calls[0];
    expect(channel).toBe('/event/insync__Integration_Saved__e');
    expect(replayId).toBe(-1);
  });

  it('listens on the channel without a namespace where the org has none', async () => {
    getSaveEventChannelMock.mockResolvedValue(UNNAMESPACED);

    await listenForSaves(jest.fn());

    expect(subscribeMock.mock.calls[0][0]).toBe('/event/Integration_Saved__e');
  });

  it('reads each finished deployment with the payload keys the Apex names', async () => {
    const onSave = jest.fn();
    await listenForSaves(onSave);
    const deliver = subscribeMock.mock.calls[0][2];

    deliver(
      savedMessage(NAMESPACED.channel, {
        insync__Developer_Name__c: 'Lead_Logins',
        insync__Deploy_Job_Id__c: '0Af5g00000AbCdE',
        insync__Success__c: false,
        insync__Message__c: 'Field WalkMe_Last_Login__c: no such field\nSecond problem'
      })
    );

    expect(onSave).toHaveBeenCalledWith({
      developerName: 'Lead_Logins',
      deployJobId: '0Af5g00000AbCdE',
      success: false,
      message: 'Field WalkMe_Last_Login__c: no such field\nSecond problem'
    });
  });

  it('does not read keys without the namespace in a namespaced org', () => {
    const save = readSave(
      savedMessage(NAMESPACED.channel, {
        Developer_Name__c: 'Lead_Logins',
        Success__c: true
      }),
      NAMESPACED
    );

    expect(save.developerName).toBe('');
    expect(save.success).toBe(false);
  });

  it('reads a payload with missing fields as a failed save with empty texts', () => {
    expect(readSave(savedMessage(UNNAMESPACED.channel, {}), UNNAMESPACED)).toEqual({
      developerName: '',
      deployJobId: '',
      success: false,
      message: ''
    });
  });

  it('says so, with the Apex reason, and subscribes to nothing when the channel is unknown', async () => {
    getSaveEventChannelMock.mockRejectedValue({
      body: { message: 'You do not have access to the Apex class named IntegrationController.' }
    });

    await expect(listenForSaves(jest.fn(), jest.fn())).rejects.toThrow(
      `${NO_CHANNEL_MESSAGE}\nYou do not have access to the Apex class named IntegrationController.`
    );
    expect(subscribeMock).not.toHaveBeenCalled();
    expect(onErrorMock).not.toHaveBeenCalled();
  });

  it('says so when the Apex answers without the names', async () => {
    getSaveEventChannelMock.mockResolvedValue({ ...NAMESPACED, channel: '' });

    await expect(loadSaveEventNames()).rejects.toThrow(NO_CHANNEL_MESSAGE);
  });

  it('ends the subscription it started, once', async () => {
    const handle = { id: 'sub-1', channel: NAMESPACED.channel };
    subscribeMock.mockResolvedValueOnce(handle);
    const stop = await listenForSaves(jest.fn());

    await stop();
    await stop();

    expect(unsubscribeMock).toHaveBeenCalledTimes(1);
    expect(unsubscribeMock).toHaveBeenCalledWith(handle);
  });

  it('passes streaming errors to the caller that asked for them', async () => {
    const onStreamError = jest.fn();
    await listenForSaves(jest.fn(), onStreamError);

    expect(onErrorMock).toHaveBeenCalledWith(onStreamError);
  });

  it('treats the 15- and 18-character forms of one deployment id as the same job', () => {
    expect(isSameJob('0Af5g00000AbCdE', '0Af5g00000AbCdEAAX')).toBe(true);
    expect(isSameJob('0Af5g00000AbCdEAAX', '0Af5g00000AbCdF')).toBe(false);
    expect(isSameJob('0Af5g00000AbCdE', '0af5g00000abcde')).toBe(false);
    expect(isSameJob(undefined, '0Af5g00000AbCdE')).toBe(false);
    expect(isSameJob('', '')).toBe(false);
  });
});
