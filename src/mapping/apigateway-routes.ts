/**
 * API Gateway's management API is authorized by HTTP verb on the resource path, not by operation
 * name: `apigateway:GET` on `arn:aws:apigateway:REGION::/restapis/ID/resources`. Source: API
 * Gateway Developer Guide, "Control access for managing an API with IAM permissions" and the
 * Service Authorization Reference for Amazon API Gateway Management (its actions are GET, POST,
 * PUT, PATCH, DELETE); each route below is the request line of the operation in the API Gateway
 * REST API Reference (v1) or the API Gateway V2 API Reference (v2: its request paths start with
 * /v2, its resource paths do not: `/apis/{apiId}`, as iam-data's formats say). `{name}` is a
 * requestParameters name as CloudTrail logs it. Both APIs tag by `/tags/{resource ARN}`: v1
 * UntagResource and v2 UntagResource are DELETE; TagResource is PUT in v1 and POST in v2, which
 * the event cannot tell apart (event-actions.ts UNDETERMINED_ACTIONS). Where v1 and v2 share an operation name
 * (GetStages, CreateDeployment, ...), the route whose parameters the event has is the one.
 */
export interface ApiGatewayRoute {
  readonly verb: HttpVerb;
  readonly paths: readonly string[];
}

export type HttpVerb = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

const R = "/restapis/{restApiId}";
const METHOD = `${R}/resources/{resourceId}/methods/{httpMethod}`;
const V2 = "/apis/{apiId}";

export const APIGATEWAY_ROUTES: Readonly<Record<string, ApiGatewayRoute>> = {
  CreateApiKey: { verb: "POST", paths: ["/apikeys"] },
  CreateAuthorizer: { verb: "POST", paths: [`${R}/authorizers`, `${V2}/authorizers`] },
  CreateDeployment: { verb: "POST", paths: [`${R}/deployments`, `${V2}/deployments`] },
  CreateDomainName: { verb: "POST", paths: ["/domainnames"] },
  CreateModel: { verb: "POST", paths: [`${R}/models`, `${V2}/models`] },
  CreateResource: { verb: "POST", paths: [`${R}/resources/{parentId}`] },
  CreateRestApi: { verb: "POST", paths: ["/restapis"] },
  CreateStage: { verb: "POST", paths: [`${R}/stages`, `${V2}/stages`] },
  CreateUsagePlan: { verb: "POST", paths: ["/usageplans"] },
  DeleteApiKey: { verb: "DELETE", paths: ["/apikeys/{apiKey}"] },
  DeleteAuthorizer: { verb: "DELETE", paths: [`${R}/authorizers/{authorizerId}`, `${V2}/authorizers/{authorizerId}`] },
  DeleteDeployment: { verb: "DELETE", paths: [`${R}/deployments/{deploymentId}`, `${V2}/deployments/{deploymentId}`] },
  DeleteDomainName: { verb: "DELETE", paths: ["/domainnames/{domainName}"] },
  DeleteIntegration: { verb: "DELETE", paths: [`${METHOD}/integration`] },
  DeleteIntegrationResponse: { verb: "DELETE", paths: [`${METHOD}/integration/responses/{statusCode}`] },
  DeleteMethod: { verb: "DELETE", paths: [METHOD] },
  DeleteMethodResponse: { verb: "DELETE", paths: [`${METHOD}/responses/{statusCode}`] },
  DeleteModel: { verb: "DELETE", paths: [`${R}/models/{modelName}`] },
  DeleteResource: { verb: "DELETE", paths: [`${R}/resources/{resourceId}`] },
  DeleteRestApi: { verb: "DELETE", paths: [R] },
  DeleteStage: { verb: "DELETE", paths: [`${R}/stages/{stageName}`, `${V2}/stages/{stageName}`] },
  DeleteUsagePlan: { verb: "DELETE", paths: ["/usageplans/{usagePlanId}"] },
  ExportApi: { verb: "GET", paths: [`${V2}/exports/{specification}`] },
  FlushStageAuthorizersCache: { verb: "DELETE", paths: [`${R}/stages/{stageName}/cache/authorizers`] },
  FlushStageCache: { verb: "DELETE", paths: [`${R}/stages/{stageName}/cache/data`] },
  GenerateClientCertificate: { verb: "POST", paths: ["/clientcertificates"] },
  GetAccount: { verb: "GET", paths: ["/account"] },
  GetApiKey: { verb: "GET", paths: ["/apikeys/{apiKey}"] },
  GetApiKeys: { verb: "GET", paths: ["/apikeys"] },
  GetAuthorizer: { verb: "GET", paths: [`${R}/authorizers/{authorizerId}`, `${V2}/authorizers/{authorizerId}`] },
  GetAuthorizers: { verb: "GET", paths: [`${R}/authorizers`, `${V2}/authorizers`] },
  GetDeployment: { verb: "GET", paths: [`${R}/deployments/{deploymentId}`, `${V2}/deployments/{deploymentId}`] },
  GetDeployments: { verb: "GET", paths: [`${R}/deployments`, `${V2}/deployments`] },
  GetDomainName: { verb: "GET", paths: ["/domainnames/{domainName}"] },
  GetDomainNames: { verb: "GET", paths: ["/domainnames"] },
  GetExport: { verb: "GET", paths: [`${R}/stages/{stageName}/exports/{exportType}`] },
  GetIntegration: { verb: "GET", paths: [`${METHOD}/integration`] },
  GetIntegrationResponse: { verb: "GET", paths: [`${METHOD}/integration/responses/{statusCode}`] },
  GetMethod: { verb: "GET", paths: [METHOD] },
  GetMethodResponse: { verb: "GET", paths: [`${METHOD}/responses/{statusCode}`] },
  GetModel: { verb: "GET", paths: [`${R}/models/{modelName}`] },
  GetModels: { verb: "GET", paths: [`${R}/models`, `${V2}/models`] },
  GetResource: { verb: "GET", paths: [`${R}/resources/{resourceId}`] },
  GetResources: { verb: "GET", paths: [`${R}/resources`] },
  GetRestApi: { verb: "GET", paths: [R] },
  GetRestApis: { verb: "GET", paths: ["/restapis"] },
  GetSdk: { verb: "GET", paths: [`${R}/stages/{stageName}/sdks/{sdkType}`] },
  GetStage: { verb: "GET", paths: [`${R}/stages/{stageName}`, `${V2}/stages/{stageName}`] },
  GetStages: { verb: "GET", paths: [`${R}/stages`, `${V2}/stages`] },
  GetUsagePlan: { verb: "GET", paths: ["/usageplans/{usagePlanId}"] },
  GetUsagePlans: { verb: "GET", paths: ["/usageplans"] },
  ImportApi: { verb: "PUT", paths: ["/apis"] },
  ImportApiKeys: { verb: "POST", paths: ["/apikeys"] },
  ImportDocumentationParts: { verb: "PUT", paths: [`${R}/documentation/parts`] },
  ImportRestApi: { verb: "POST", paths: ["/restapis"] },
  PutIntegration: { verb: "PUT", paths: [`${METHOD}/integration`] },
  PutIntegrationResponse: { verb: "PUT", paths: [`${METHOD}/integration/responses/{statusCode}`] },
  PutMethod: { verb: "PUT", paths: [METHOD] },
  PutMethodResponse: { verb: "PUT", paths: [`${METHOD}/responses/{statusCode}`] },
  PutRestApi: { verb: "PUT", paths: [R] },
  ReimportApi: { verb: "PUT", paths: [V2] },
  ResetAuthorizersCache: { verb: "DELETE", paths: [`${V2}/stages/{stageName}/cache/authorizers`] },
  TestInvokeAuthorizer: { verb: "POST", paths: [`${R}/authorizers/{authorizerId}`] },
  TestInvokeMethod: { verb: "POST", paths: [METHOD] },
  UntagResource: { verb: "DELETE", paths: ["/tags/{resourceArn}"] },
  UpdateAccount: { verb: "PATCH", paths: ["/account"] },
  UpdateApiKey: { verb: "PATCH", paths: ["/apikeys/{apiKey}"] },
  UpdateAuthorizer: { verb: "PATCH", paths: [`${R}/authorizers/{authorizerId}`, `${V2}/authorizers/{authorizerId}`] },
  UpdateDeployment: { verb: "PATCH", paths: [`${R}/deployments/{deploymentId}`, `${V2}/deployments/{deploymentId}`] },
  UpdateDomainName: { verb: "PATCH", paths: ["/domainnames/{domainName}"] },
  UpdateIntegration: { verb: "PATCH", paths: [`${METHOD}/integration`] },
  UpdateIntegrationResponse: { verb: "PATCH", paths: [`${METHOD}/integration/responses/{statusCode}`] },
  UpdateMethod: { verb: "PATCH", paths: [METHOD] },
  UpdateMethodResponse: { verb: "PATCH", paths: [`${METHOD}/responses/{statusCode}`] },
  UpdateModel: { verb: "PATCH", paths: [`${R}/models/{modelName}`] },
  UpdateResource: { verb: "PATCH", paths: [`${R}/resources/{resourceId}`] },
  UpdateRestApi: { verb: "PATCH", paths: [R] },
  UpdateStage: { verb: "PATCH", paths: [`${R}/stages/{stageName}`, `${V2}/stages/{stageName}`] },
  UpdateUsagePlan: { verb: "PATCH", paths: ["/usageplans/{usagePlanId}"] },
};

/**
 * Operations without a route still follow API Gateway's naming: Get is GET, Create POST, Update
 * PATCH, Delete DELETE, Put PUT (both references above). Their path is not known, so their
 * resource is reported, never guessed.
 */
const VERB_BY_PREFIX: readonly (readonly [prefix: string, verb: HttpVerb])[] = [
  ["Get", "GET"],
  ["Create", "POST"],
  ["Update", "PATCH"],
  ["Delete", "DELETE"],
  ["Put", "PUT"],
];

const SOURCE = "API Gateway Developer Guide, 'Control access for managing an API with IAM permissions': authorized by HTTP verb";

/** The verb an API Gateway operation is authorized as, and where that came from. */
export function apigatewayVerb(operation: string): { readonly verb: HttpVerb; readonly via: string } | undefined {
  const route = APIGATEWAY_ROUTES[operation];
  if (route !== undefined) return { verb: route.verb, via: `API Gateway route table (${route.verb}): ${SOURCE}` };
  const byPrefix = VERB_BY_PREFIX.find(([prefix]) => operation.startsWith(prefix));
  if (byPrefix !== undefined) return { verb: byPrefix[1], via: `API Gateway operation name prefix ${byPrefix[0]} -> ${byPrefix[1]}: ${SOURCE}` };
  return undefined;
}

/** The requestParameters a route reads. */
export function routeParameters(): readonly string[] {
  const names = new Set<string>();
  for (const route of Object.values(APIGATEWAY_ROUTES)) {
    for (const path of route.paths) for (const [, name] of path.matchAll(/\{([^}]+)\}/g)) names.add(name as string);
  }
  return [...names].sort();
}
