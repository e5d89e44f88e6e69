import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type Activity, type InvokeResponse, type TurnContext } from 'botbuilder';
import { AuthenticationError, type AuthenticateRequestResult } from 'botframework-connector';
import { assertTeamsSettings, type TeamsSettings } from './teams-settings.ts';

type Logic = (context: TurnContext) => Promise<void>;

/** jsonwebtoken's errors for a bad signature or a token not yet valid, which botbuilder lets through as a 500. */
const JWT_ERRORS = new Set(['JsonWebTokenError', 'NotBeforeError', 'TokenExpiredError']);

/** CloudAdapter that answers every refused token with 401 (botbuilder answers a forged signature with 500). */
class TeamsCloudAdapter extends CloudAdapter {
  protected override processActivity(authHeader: string, activity: Activity, logic: Logic): Promise<InvokeResponse | undefined>;
  protected override processActivity(result: AuthenticateRequestResult, activity: Activity, logic: Logic): Promise<InvokeResponse | undefined>;
  protected override async processActivity(auth: string | AuthenticateRequestResult, activity: Activity, logic: Logic): Promise<InvokeResponse | undefined> {
    try {
      return typeof auth === 'string' ? await super.processActivity(auth, activity, logic) : await super.processActivity(auth, activity, logic);
    } catch (e) {
      if (e instanceof Error && JWT_ERRORS.has(e.name)) throw new AuthenticationError(`Unauthorized: ${e.message}`, 401);
      throw e;
    }
  }
}

/** The Bot Framework adapter: inbound requests are JWT-checked, outbound calls carry an app token. */
export function createCloudAdapter(s: TeamsSettings): CloudAdapter {
  assertTeamsSettings(s);
  const auth = new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppId: s.appId,
    MicrosoftAppPassword: s.appPassword,
    MicrosoftAppType: s.appType,
    MicrosoftAppTenantId: s.appType === 'SingleTenant' ? s.tenantId : undefined,
  });
  return new TeamsCloudAdapter(auth);
}
