#!/usr/bin/env python3
"""Generates src/mapping/role-passing-calls.ts: the calls that pass an IAM role, as wide as the APIs.

Seed: iam-dataset's map (../shared/peers/iam-dataset/map-2022-08-19.json, MIT, Ian Mckay): every
SDK method whose actions include iam:PassRole, and the request members its ARN templates name.
Check: each API's request shape in botocore's service models (pip package botocore; run with the
version installed here, printed in the header). A member becomes a row's parameter when the shape
has it, its name is a role member (…Role, …RoleArn, …RoleARN, …Roles) and it is not listed below
as naming something else; members of the shape with a role name whose documentation says it is an
IAM role are added even when the 2022 map missed them. Instance-profile members are kept apart:
PassRole is checked on the profile's role, which the event does not name.

Run: python3 scripts/generate-role-passing-calls.py > src/mapping/role-passing-calls.ts
Not part of the build or the tests (they read the generated module and the map).
"""
import json, re, collections, sys, os
import botocore, botocore.session

HERE = os.path.dirname(os.path.abspath(__file__))
PEERS = os.path.join(HERE, "..", "..", "shared", "peers", "iam-dataset")
loader = botocore.session.get_session().get_component("data_loader")
MAP = json.load(open(os.path.join(PEERS, "map-2022-08-19.json")))
SOURCES = json.load(open(os.path.join(PEERS, "cloudtrail_service_mappings.json")))["cloudtrail_service_mappings"]

def norm(s): return re.sub(r"[^a-z0-9]", "", s.lower())
MODELS, INDEX = {}, {}
for s in loader.list_available_services("service-2"):
    model = loader.load_service_model(s, "service-2"); MODELS[s] = model
    md = model["metadata"]
    for k in [s, md.get("serviceId", ""), md.get("endpointPrefix", ""), md.get("signingName", "")]:
        if k: INDEX.setdefault(norm(k), s)
# SDK v2 client -> botocore service where the names differ.
CLIENTS = {"RDS": "rds", "SES": "ses", "SESV2": "sesv2", "Neptune": "neptune", "DocDB": "docdb",
           "CognitoIdentityServiceProvider": "cognito-idp", "ES": "es", "Iot": "iot", "CloudWatchLogs": "logs",
           "StepFunctions": "stepfunctions", "ConfigService": "config", "LexModelBuildingService": "lex-models",
           "ForecastService": "forecast", "PinpointSMSVoice": "pinpoint-sms-voice", "EventBridge": "events",
           "CloudWatchEvents": "events", "Drs": "drs", "Mgn": "mgn", "SSMIncidents": "ssm-incidents"}

ROLE_MEMBER = re.compile(r"(Role|RoleArn|RoleARN|RoleName|Roles|RoleArns|RoleOverride|RoleArnForLogging|IamFleetRole)$", re.I)
ROLE_DOC = re.compile(r"\b(IAM|Identity and Access Management|role ARN|ARN of the role|Amazon Resource Name)", re.I)
INSTANCE_PROFILE = re.compile(r"(InstanceProfile(Arn|Name)?|IamInstanceProfile\.(Arn|Name))$", re.I)

# Members with a role-like name that do not pass an IAM role (path as in the shape, "Op:" scoped).
NOT_ROLES = {
    "RolesKey": "OpenSearch SAML: the assertion attribute that holds backend roles, not an IAM role",
    "MasterBackendRole": "OpenSearch SAML: a fine-grained access control backend role, not an IAM role",
    "RoleBase": "Amazon MQ LDAP: a directory search base", "RoleName:mq": "Amazon MQ LDAP: a directory group attribute",
    "RoleSearchMatching": "Amazon MQ LDAP: a search filter", "RoleSearchSubtree": "Amazon MQ LDAP: a flag",
    "UserRoleName": "Amazon MQ LDAP: a directory attribute", "SnowflakeRole": "a Snowflake role, not an IAM role",
    "roleAliasArn": "an IoT role alias: the resource audited, not passed",
    "resourceIdentifier.iamRoleArn": "IoT Device Defender: the role the audit finding is about, not one handed to IoT",
    "InstanceRoleCredentialsProvider": "GameLift: an enum, not a role",
    "UserRole": "QuickSight: a QuickSight user role (READER, AUTHOR, ADMIN), not an IAM role",
    "RoleName:organizations": "Organizations CreateAccount: the role AWS creates in the new account; nothing is passed",
    "ExecutionRoleName": "CloudFormation StackSets: a role name in every target account, assumed by the administration role, not passed by the caller",
    "DomainIAMRoleName": None,  # a role: kept
    "DeliverCrossAccountRole": "read from CloudTrail's CreateFlowLogsRequest wrapper instead (EXTRA_MEMBERS)",
    "instanceProfileName:iam": "AddRoleToInstanceProfile names the profile the role goes into; the role is what is passed",
}
# Nested lists the engine cannot read (a list inside a list): left out, said here.
MAX_LISTS = 1
# Role members inside one list that the engine keeps (ParameterSelection.nested). Each is a branch
# of the Athena query's per-path CASE, evaluated for every selected path of every event, so only
# these are kept; the others are listed in UNREAD_ROLE_MEMBERS.
NESTED_KEPT = {
    "autoscaling:lifecycleHookSpecificationList[].roleARN",
    "ecs:volumeConfigurations[].managedEBSVolume.roleArn",
    "ecs:loadBalancers[].advancedConfiguration.roleArn",
    "batch:ecsProperties.taskProperties[].taskRoleArn",
    "batch:ecsProperties.taskProperties[].executionRoleArn",
    "sagemaker:trainingJobDefinitions[].roleArn",
}

def cloudtrail_name(path, protocol):
    """CloudTrail's requestParameters spelling: members with a lower-case first letter (S3's XML keeps its own)."""
    parts = path.split(".")
    if protocol == "rest-xml": return path
    return ".".join(p[0].lower() + p[1:] for p in parts)

def walk(model, shape_name, path, out, seen=()):
    if len(path) > 10 or shape_name in seen: return
    shape = model["shapes"][shape_name]; t = shape["type"]
    if t == "structure":
        for mem, ms in shape.get("members", {}).items():
            if ms.get("location") in ("header", "headers", "querystring"): continue
            doc = ms.get("documentation", "") + model["shapes"][ms["shape"]].get("documentation", "")
            walk(model, ms["shape"], path + [(mem, doc)], out, seen + (shape_name,))
    elif t == "list":
        walk(model, shape["member"]["shape"], path[:-1] + [(path[-1][0] + "[]", path[-1][1])] if path else path, out, seen + (shape_name,))
    elif t == "string" and path:
        out.append(".".join(p for p, _ in path) + "\t" + path[-1][1])

def shape_members(model, op):
    o = model["operations"][op]
    out = []
    if "input" in o: walk(model, o["input"]["shape"], [], out)
    return {line.split("\t")[0]: line.split("\t", 1)[1] for line in out}

def template_vars(actions):
    text = json.dumps(actions)
    return [v.replace("[]", "") for v in re.findall(r"\$\{([A-Za-z0-9_.\[\]]+)\}", text) if v not in ("Partition", "Account", "Region")]

def excluded(path, ns):
    last = path.split(".")[-1].replace("[]", "")
    for key in (f"{last}:{ns}", last, path.replace("[]", "")):
        if key in NOT_ROLES and NOT_ROLES[key] is not None: return NOT_ROLES[key]
    return None

# Members that name an EC2 instance profile (its role is what PassRole checks; the event names the profile).
PROFILE_MEMBERS = {"computeResources.instanceRole": "batch", "JobFlowRole": "elasticmapreduce", "instanceProfileName": "imagebuilder",
                   "IamInstanceProfile": "autoscaling", "DefaultInstanceProfileArn": "opsworks", "CustomInstanceProfileArn": "opsworks",
                   "InstanceProfileArn": "opsworks-cm", "InstanceGroups[].InstanceRole": "elasticmapreduce"}

# iam:PassedToService: the service principal each service's guide names for the role (the principal
# its trust policy names). Only where the guide says so; null (no condition) elsewhere: a wrong
# value would deny the call, a missing one only leaves the grant unconditioned.
PRINCIPALS = {
    "appstream": ("appstream.amazonaws.com", "AppStream 2.0 Administration Guide, 'Using an IAM role to grant permissions to applications and scripts running on AppStream 2.0 streaming instances'"),
    "appsync": ("appsync.amazonaws.com", "AppSync Developer Guide, 'Attaching a data source' and 'Monitoring and logging': the roles trust appsync.amazonaws.com"),
    "cloudformation": ("cloudformation.amazonaws.com", "CloudFormation User Guide, 'CloudFormation service role' and 'Grant self-managed permissions' (administration role)"),
    "cloudtrail": ("cloudtrail.amazonaws.com", "CloudTrail User Guide, 'Sending events to CloudWatch Logs': the role trusts cloudtrail.amazonaws.com"),
    "codebuild": ("codebuild.amazonaws.com", "CodeBuild User Guide, 'Allow CodeBuild to interact with other AWS services'"),
    "codedeploy": ("codedeploy.amazonaws.com", "CodeDeploy User Guide, 'Step 2: Create a service role for CodeDeploy'"),
    "codepipeline": ("codepipeline.amazonaws.com", "CodePipeline User Guide, 'Manage the CodePipeline service role'"),
    "comprehend": ("comprehend.amazonaws.com", "Comprehend Developer Guide, 'Role-based permissions required for asynchronous operations'"),
    "config": ("config.amazonaws.com", "AWS Config Developer Guide, 'Permissions for the IAM role assigned to AWS Config'"),
    "dax": ("dax.amazonaws.com", "DynamoDB Developer Guide, 'DAX access control': the service role trusts dax.amazonaws.com"),
    "glue": ("glue.amazonaws.com", "Glue Developer Guide, 'Step 2: Create an IAM role for AWS Glue'"),
    "greengrass": ("greengrass.amazonaws.com", "Greengrass Developer Guide, 'Greengrass service role'"),
    "iot": ("iot.amazonaws.com", "IoT Core Developer Guide, 'Granting an AWS IoT rule the access it requires' and 'Configure AWS IoT logging': the roles trust iot.amazonaws.com"),
    "kinesisanalytics": ("kinesisanalytics.amazonaws.com", "Kinesis Data Analytics Developer Guide, 'Granting permissions': the role trusts kinesisanalytics.amazonaws.com"),
    "lambda": ("lambda.amazonaws.com", "Lambda Developer Guide, 'Lambda execution role'"),
    "mediaconvert": ("mediaconvert.amazonaws.com", "MediaConvert User Guide, 'Setting up IAM permissions'"),
    "medialive": ("medialive.amazonaws.com", "MediaLive User Guide, 'Trusted entity role': the role trusts medialive.amazonaws.com"),
    "rekognition": ("rekognition.amazonaws.com", "Rekognition Developer Guide, 'Configuring Amazon Rekognition Video': the role trusts rekognition.amazonaws.com"),
    "sagemaker": ("sagemaker.amazonaws.com", "SageMaker Developer Guide, 'How to use SageMaker execution roles'"),
    "states": ("states.amazonaws.com", "Step Functions Developer Guide, 'Creating an IAM role for your state machine'"),
    "storagegateway": ("storagegateway.amazonaws.com", "Storage Gateway User Guide, 'Granting access to an Amazon S3 bucket': the role trusts storagegateway.amazonaws.com"),
    "transfer": ("transfer.amazonaws.com", "Transfer Family User Guide, 'Create an IAM role and policy'"),
}
MEMBER_PRINCIPALS = {
    "rds:monitoringRoleArn": ("monitoring.rds.amazonaws.com", "RDS User Guide, 'Setting up and enabling Enhanced Monitoring'"),
    "rds:s3IngestionRoleArn": ("rds.amazonaws.com", "Aurora User Guide, 'Migrating data from MySQL by using an Amazon S3 bucket': the role trusts rds.amazonaws.com"),
    "rds:roleArn": ("rds.amazonaws.com", "RDS API Reference, AddRoleToDBCluster/AddRoleToDBInstance/CreateDBProxy RoleArn; the roles trust rds.amazonaws.com"),
    "rds:iamRoleArn": ("export.rds.amazonaws.com", "RDS User Guide, 'Exporting DB snapshot data to Amazon S3': the role trusts export.rds.amazonaws.com"),
    "batch:serviceRole": ("batch.amazonaws.com", "Batch User Guide, 'AWS Batch service IAM role'"),
    "batch:computeResources.spotIamFleetRole": ("spotfleet.amazonaws.com", "Batch User Guide, 'Amazon EC2 spot fleet role'"),
    "ecs-tasks": ("ecs-tasks.amazonaws.com", "Batch User Guide, 'Task execution IAM role' and 'IAM roles for tasks'"),
    "autoscaling:lifecycleHookSpecificationList[].roleARN": ("autoscaling.amazonaws.com", "EC2 Auto Scaling User Guide, 'Configure a notification target for lifecycle notifications'"),
    "autoscaling:roleARN": ("autoscaling.amazonaws.com", "EC2 Auto Scaling User Guide, 'Configure a notification target for lifecycle notifications'"),
    "ec2:spotFleetRequestConfig.iamFleetRole": ("spotfleet.amazonaws.com", "EC2 User Guide, 'Spot Fleet permissions': the fleet role trusts spotfleet.amazonaws.com"),
    "es:cognitoOptions.roleArn": ("es.amazonaws.com", "OpenSearch Service Developer Guide, 'Configuring Amazon Cognito authentication': the role trusts es.amazonaws.com"),
    "shield:roleArn": ("drt.shield.amazonaws.com", "Shield Developer Guide, 'Managing SRT access': the role trusts drt.shield.amazonaws.com"),
    "swf:defaultLambdaRole": ("swf.amazonaws.com", "SWF Developer Guide, 'AWS Lambda tasks': the role trusts swf.amazonaws.com"),
    "swf:lambdaRole": ("swf.amazonaws.com", "SWF Developer Guide, 'AWS Lambda tasks': the role trusts swf.amazonaws.com"),
}
# Where the request shape misses what a role parameter is: added by hand, with the source.
EXTRA_MEMBERS = {
    "CognitoIdentity.SetIdentityPoolRoles": (["Roles.authenticated", "Roles.unauthenticated"], "Cognito API Reference, SetIdentityPoolRoles Roles (a map: authenticated / unauthenticated -> role ARN)"),
    "EC2.CreateFlowLogs": (["CreateFlowLogsRequest.DeliverLogsPermissionArn", "CreateFlowLogsRequest.DeliverCrossAccountRole"], "CloudTrail logs CreateFlowLogs inside its CreateFlowLogsRequest wrapper (see request-parameters.ts)"),
}
EXTRA_MEMBERS.update({
    "SMS.PutAppLaunchConfiguration": (["roleName"], "SMS API Reference, PutAppLaunchConfiguration roleName (SMS is retired; botocore no longer has it)"),
    "KinesisAnalyticsV2.AddApplicationReferenceDataSource": (["referenceDataSource.s3ReferenceDataSource.referenceRoleARN"], "Kinesis Analytics (v1) API Reference, S3ReferenceDataSource ReferenceRoleARN: v1 and V2 share the event source and the call name"),
})
# EC2 calls CloudTrail logs inside their request wrapper, members capitalized as in the API
# (`AssociateIamInstanceProfileRequest.IamInstanceProfile.Name`): their profile members as logged.
WRAPPED_PROFILES = {
    method: [f"{method.split('.')[1]}Request.IamInstanceProfile.{member}" for member in ("Arn", "Name")]
    for method in ("EC2.AssociateIamInstanceProfile", "EC2.ReplaceIamInstanceProfileAssociation")
}
# Calls the map lists with iam:PassRole that pass no role named in the request, and why.
WHY_NOT = {
    "S3.DeleteBucketReplication": "deletes the replication configuration; its request has only the bucket (S3 API Reference, DeleteBucketReplication)",
    "CloudFormation.CreateStackInstances": "the stack set's administration role was passed when the stack set was created; the request names no role (CloudFormation API Reference, CreateStackInstances)",
    "CloudFormation.UpdateStackInstances": "the stack set's roles were passed by CreateStackSet/UpdateStackSet; the request names none (CloudFormation API Reference, UpdateStackInstances)",
    "CloudFormation.EstimateTemplateCost": "only reads a template; the request names no role (CloudFormation API Reference, EstimateTemplateCost)",
    "CloudFormation.SetStackPolicy": "sets a stack policy; the map's LoggingConfig/ExecutionRoleArn belong to other calls (CloudFormation API Reference, SetStackPolicy)",
    "DataPipeline.PutPipelineDefinition": "the roles are inside the pipeline definition's objects (fields role and resourceRole), text the engine does not parse; not granted",
    "DataPipeline.ValidatePipelineDefinition": "validates a definition; nothing is passed (Data Pipeline API Reference, ValidatePipelineDefinition)",
    "RDS.ModifyOptionGroup": "option settings may name a role (e.g. SQLSERVER_BACKUP_RESTORE IAM_ROLE_ARN) inside OptionsToInclude[].OptionSettings[], a list inside a list the engine does not read; not granted",
    "SSM.CreateDocument": "a document's content may name a role for Automation, but the call passes none (Systems Manager API Reference, CreateDocument)",
    "SecurityHub.CreateInsight": "creates an insight from filters; no role (Security Hub API Reference, CreateInsight)",
    "SecurityHub.UpdateInsight": "updates an insight's filters; no role (Security Hub API Reference, UpdateInsight)",
    "SecurityHub.UpdateFindings": "updates finding notes; no role (Security Hub API Reference, UpdateFindings)",
    "MQ.CreateBroker": "LdapServerMetadata's Role* members are LDAP search settings, not IAM roles (Amazon MQ API Reference, LdapServerMetadataInput)",
    "MQ.UpdateBroker": "LdapServerMetadata's Role* members are LDAP search settings, not IAM roles (Amazon MQ API Reference, LdapServerMetadataInput)",
    "Organizations.CreateAccount": "RoleName names the role Organizations creates in the new account; no role is passed (Organizations API Reference, CreateAccount)",
    "Organizations.CreateGovCloudAccount": "RoleName names the role Organizations creates in the new account; no role is passed (Organizations API Reference, CreateGovCloudAccount)",
    "QuickSight.RegisterUser": "UserRole is a QuickSight role (READER, AUTHOR, ADMIN) and IamArn the identity registered; no role is passed (QuickSight API Reference, RegisterUser)",
    "IoTSiteWise.CreateAccessPolicy": "accessPolicyIdentity names the IAM user or role being granted access, not a role passed to a service (IoT SiteWise API Reference, CreateAccessPolicy)",
    "IoTSiteWise.UpdateAccessPolicy": "accessPolicyIdentity names the IAM user or role being granted access, not a role passed to a service (IoT SiteWise API Reference, UpdateAccessPolicy)",
    "Iot.CreateAuditSuppression": "resourceIdentifier.iamRoleArn is the role the audit finding is about, not a role handed to IoT (IoT API Reference, ResourceIdentifier)",
    "Iot.UpdateAuditSuppression": "resourceIdentifier.iamRoleArn is the role the audit finding is about, not a role handed to IoT (IoT API Reference, ResourceIdentifier)",
    "OpsWorks.CreateUserProfile": "IamUserArn names an IAM user, not a role (OpsWorks API Reference, CreateUserProfile); OpsWorks Stacks is retired",
    "OpsWorks.DeleteUserProfile": "IamUserArn names an IAM user, not a role (OpsWorks API Reference, DeleteUserProfile); OpsWorks Stacks is retired",
    "Mgn.StartCutover": "launches from launch configurations passed earlier; the request names only source servers (MGN API Reference, StartCutover)",
    "Mgn.StartTest": "launches from launch configurations passed earlier; the request names only source servers (MGN API Reference, StartTest)",
    "Drs.StartRecovery": "launches from launch configurations passed earlier; the request names only source servers (DRS API Reference, StartRecovery)",
    "ElasticBeanstalk.UpdateConfigurationTemplate": "a configuration template's option settings may name an instance profile, as option text the engine does not parse; not granted",
    "ElasticBeanstalk.UpdateEnvironment": "option settings may name an instance profile or service role, as option text the engine does not parse; not granted",
    "ElasticBeanstalk.CreateConfigurationTemplate": "the map's BuildConfiguration.CodeBuildServiceRole belongs to CreateApplicationVersion; option settings are text the engine does not parse; not granted",
    "Budgets.CreateBudgetAction": None, "Budgets.UpdateBudgetAction": None,
}
LAUNCH_TEMPLATE = {"EC2.CreateFleet", "EC2.ModifyFleet", "EC2.ModifySpotFleetRequest"}

def last(path): return path.split(".")[-1].replace("[]", "")
def is_profile(path, ns):
    return PROFILE_MEMBERS.get(path) == ns or PROFILE_MEMBERS.get(path.replace("[]", "")) == ns or bool(INSTANCE_PROFILE.search(path.replace("[]", "")))

def principal(ns, param):
    if param.endswith(("jobRoleArn", "taskRoleArn", "executionRoleArn")) and ns == "batch": return MEMBER_PRINCIPALS["ecs-tasks"][0]
    for key in (f"{ns}:{param}",):
        if key in MEMBER_PRINCIPALS: return MEMBER_PRINCIPALS[key][0]
    if ns == "rds": return None
    return PRINCIPALS.get(ns, (None,))[0]

rows = collections.OrderedDict()
strays = collections.OrderedDict()
unread = []
passrole = collections.OrderedDict()
for method, actions in MAP["sdk_method_iam_mappings"].items():
    if any(a["action"].lower() == "iam:passrole" for a in actions): passrole[method] = [a for a in actions if a["action"].lower() == "iam:passrole"]
for method, actions in passrole.items():
    client, op = method.split(".", 1)
    ns = MAP["sdk_service_mappings"].get(client, client.lower())
    svc = CLIENTS.get(client) or INDEX.get(norm(client))
    model = MODELS.get(svc)
    if model is not None and op not in model["operations"]: model = None
    protocol = model["metadata"]["protocol"] if model else "json"
    tvars = template_vars(actions)
    candidates = []
    if model is not None:
        shape = shape_members(model, op)
        bykey = {p.replace("[]", "").lower(): p for p in shape}
        candidates += [bykey[v.lower()] for v in tvars if v.lower() in bykey]
        candidates += [p for p, doc in shape.items() if ROLE_MEMBER.search(last(p)) and ROLE_DOC.search(doc)]
        candidates += [p for p in shape if is_profile(p, ns)]
        checked = f"botocore {svc} {op}"
    else:
        candidates += tvars
        checked = "not in botocore (service retired): the map's member names"
    extras = EXTRA_MEMBERS.get(method, ([], ""))[0]
    roles, profiles = [], []
    for path in dict.fromkeys(candidates):
        if excluded(path, ns) or (ns == "iam" and is_profile(path, ns)): continue
        if is_profile(path, ns): profiles.append(path); continue
        if not ROLE_MEMBER.search(last(path)): continue
        if path.count("[]") > MAX_LISTS or (path.endswith("[]") and path.count("[]") > 0 and "." in path):
            unread.append(f"{method} {path} (a list inside a list)"); continue
        if "[]." in path and f"{ns}:{cloudtrail_name(path, protocol)}" not in NESTED_KEPT:
            unread.append(f"{method} {path} (inside a list: not among the nested values the engine keeps)"); continue
        roles.append(path)
    why = WHY_NOT.get(method)
    if method in WHY_NOT and why is not None:
        strays[method] = why; continue
    key_ns = ns
    kept_out = [u.split(" ", 1)[1] for u in unread if u.startswith(method + " ")]
    if not roles and not extras and not profiles and kept_out:
        strays[method] = f"its roles are inside lists the engine does not keep ({'; '.join(kept_out)}): not granted, see UNREAD_ROLE_MEMBERS"
        continue
    if not roles and not extras and not profiles and method not in LAUNCH_TEMPLATE:
        strays[method] = f"no member of the request names an IAM role ({checked} input); the map's template is {json.dumps([a.get('arn_override', a.get('resource_mappings')) for a in actions])[:160]}"
        continue
    if not os.path.exists(os.path.join(HERE, "..", "node_modules", "@cloud-copilot", "iam-data", "data", "actions", f"{key_ns}.json")):
        strays[method] = f"iam-data has no service {key_ns} (retired), so the call itself is reported Unmapped and its PassRole with it"
        continue
    key = f"{key_ns}:{op}"
    row = rows.setdefault(key, {"roles": [], "profiles": [], "launchTemplate": False, "methods": [], "checked": []})
    for p in [*roles, *extras]:
        name = p if p in extras else cloudtrail_name(p, protocol)
        if name not in [r[0] for r in row["roles"]]: row["roles"].append((name, principal(ns, name)))
    for p in WRAPPED_PROFILES.get(method, profiles):
        name = p if method in WRAPPED_PROFILES else cloudtrail_name(p, protocol)
        if name not in row["profiles"]: row["profiles"].append(name)
    row["launchTemplate"] = row["launchTemplate"] or method in LAUNCH_TEMPLATE
    row["methods"].append(method); row["checked"].append(checked)

# passed-roles.ts's hand-written rows also grant: the map's methods they cover are not strays.
HAND = set(re.findall(r'^  "([a-z0-9-]+:[A-Za-z0-9]+)":', open(os.path.join(HERE, "..", "src", "mapping", "passed-roles.ts")).read(), re.M))
for method in list(strays):
    client, op = method.split(".", 1)
    if f"{MAP['sdk_service_mappings'].get(client, client.lower())}:{op}" in rows or f"{MAP['sdk_service_mappings'].get(client, client.lower())}:{op}" in HAND: del strays[method]
def ts(s): return json.dumps(s)
sources = {}
for src, n in SOURCES.items(): sources.setdefault(n, []).append(src)
prefixes = sorted({k.split(":")[0] for k in rows})
event_sources = sorted({s for p in prefixes for s in (sources.get(p) or [f"{p}.amazonaws.com"])} | ({"email.amazonaws.com"} if "ses" in prefixes else set()))
principal_sources = {}
for ns, (pr, src) in PRINCIPALS.items(): principal_sources.setdefault(pr, src)
for k, (pr, src) in MEMBER_PRINCIPALS.items(): principal_sources.setdefault(pr, src)

print(f"""/**
 * GENERATED by scripts/generate-role-passing-calls.py; do not edit by hand (change the script's tables and run it again).
 *
 * The calls that pass an IAM role, as wide as the APIs: seeded from iam-dataset's map
 * (map-2022-08-19.json, MIT, Copyright (c) 2021 Ian Mckay; see THIRD_PARTY_NOTICES.md), every SDK
 * method whose actions include iam:PassRole and the request members its ARN templates name, checked
 * against each API's request shape in botocore {botocore.__version__}'s service models: a member is a
 * parameter here when the shape has it and it names an IAM role. Spelling is CloudTrail's
 * requestParameters: each member with a lower-case first letter (S3's XML keeps its own);
 * `a[].b` is member b of each element of list a (the engine keeps their distinct values).
 * passed-roles.ts merges these rows under its hand-written ones, which win.
 *
 * - roles: [parameter, iam:PassedToService principal or null where no guide names one].
 * - profiles: parameters that name an EC2 instance profile; PassRole is checked on its role.
 * - launchTemplate: the role is the instance profile of a launch template the request names by id.
 * - methods: the map's SDK methods the row stands for.
 */
export interface GeneratedRolePassingCall {{
  readonly roles: readonly (readonly [string, string | null])[];
  readonly profiles?: readonly string[];
  readonly launchTemplate?: true;
  readonly methods: readonly string[];
}}

export const GENERATED_ROLE_PASSING_CALLS: Readonly<Record<string, GeneratedRolePassingCall>> = {{""")
for key in sorted(rows):
    r = rows[key]
    parts = [f"roles: [{', '.join(f'[{ts(p)}, {ts(pr)}]' for p, pr in r['roles'])}]"]
    if r["profiles"]: parts.append(f"profiles: {ts(r['profiles'])}")
    if r["launchTemplate"]: parts.append("launchTemplate: true")
    parts.append(f"methods: {ts(sorted(set(r['methods'])))}")
    print(f"  {ts(key)}: {{ {', '.join(parts)} }},")
print("};\n")
print("/** Where each iam:PassedToService principal above comes from: the guide that says the role trusts it. */")
print("export const PASSED_TO_SERVICE_SOURCES: Readonly<Record<string, string>> = {")
used = sorted({pr for r in rows.values() for _, pr in r["roles"] if pr is not None})
for pr in used: print(f"  {ts(pr)}: {ts(principal_sources.get(pr, ''))},")
print("};\n")
print("/** The CloudTrail event sources of the services above (iam-dataset cloudtrail_service_mappings, read backwards). */")
print(f"export const ROLE_PASSING_EVENT_SOURCES: readonly string[] = {ts(event_sources)};\n")
print("/**\n * iam-dataset methods with iam:PassRole that pass no role this table can name, and why: the map's")
print(" * stray rows, roles in text the engine does not parse, retired services' calls.\n */")
print("export const NOT_ROLE_PASSING: Readonly<Record<string, string>> = {")
for k in sorted(strays): print(f"  {ts(k)}: {ts(strays[k])},")
print("};\n")
print("/**\n * Role members the engine does not read, so PassRole for them is not granted: inside a list inside a\n * list, or inside a list and not among the few nested values kept (each is a branch of the one Athena\n * query's per-path CASE, paid on every event).\n */")
print(f"export const UNREAD_ROLE_MEMBERS: readonly string[] = {ts(sorted(unread))};")
