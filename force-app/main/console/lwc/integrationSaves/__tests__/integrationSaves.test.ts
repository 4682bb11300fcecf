import { onError, subscribe, unsubscribe, type EmpMessage } from 'lightning/empApi';
import { isSameJob, listenForSaves, readSave, SAVED_CHANNEL } from 'c/integrationSaves';

const subscribeMock = subscribe as jest.MockedFunction<typeof subscribe>;
const unsubscribeMock = unsubscribe as jest.MockedFunction<typeof unsubscribe>;
const onErrorMock = onError as jest.MockedFunction<typeof onError>;

function savedMessage(payload: Record<string, unknown>): EmpMessage {
  return { channel: SAVED_CHANNEL, data: { payload } };
}

describe('c/integrationSaves', () => {
  afterEach(() => {
    jest.clearAllMocks();
  });

  it('listens on the Integration_Saved__e channel for new events only', async () => {
    await listenForSaves(jest.fn());

    expect(subscribeMock).toHaveBeenCalledTimes(1);
    const [channel, replayId] = subscribeMock.mock.calls[0];
    expect(channel).toBe('/event/Integration_Saved__e');
    expect(replayId).toBe(-1);
  });

  it('hands each finished deployment to the listener as a save', async () => {
    const onSave = jest.fn();
    await listenForSaves(onSave);
    const deliver = subscribeMock.mock.calls[0][2];

    deliver(
      savedMessage({
        Developer_Name__c: 'Lead_Logins',
        Deploy_Job_Id__c: '0Af5g00000AbCdE',
        Success__c: false,
        Message__c: 'Field WalkMe_Last_Login__c: no such field\nSecond problem'
      })
    );

    expect(onSave).toHaveBeenCalledWith({
      developerName: 'Lead_Logins',
      deployJobId: '0Af5g00000AbCdE',
      success: false,
      message: 'Field WalkMe_Last_Login__c: no such field\nSecond problem'
    });
  });

  it('reads a payload with missing fields as a failed save with empty texts', () => {
    expect(readSave(savedMessage({}))).toEqual({
      developerName: '',
      deployJobId: '',
      success: false,
      message: ''
    });
  });

  it('ends the subscription it started, once', async () => {
    const handle = { id: 'sub-1', channel: SAVED_CHANNEL };
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
