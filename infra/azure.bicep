// Azure resources for the Herts SEND Assistant, deployed by `atk provision` (arm/deploy in m365agents.yml)
// with azure.parameters.json, or by hand:
//   az deployment group create -g <group> -f infra/azure.bicep -p infra/azure.parameters.json -p …
//
// - App Service plan + web app: Linux, Node 20, always on, health check on /healthz, started with
//   `node dist/src/index.js` (the build is deployed, see m365agents.yml `deploy`).
// - Key Vault (RBAC) holding every secret; the web app reads them through Key Vault references with its
//   system-assigned identity ("Key Vault Secrets User" on this vault only).
// - Azure Bot (single-tenant app registration; new multi-tenant bots are no longer accepted) with the
//   Microsoft Teams channel.
// - Optional: Azure Database for PostgreSQL Flexible Server (needed for more than one instance; without
//   it the bot keeps its embedded database under /home/data, which App Service persists) and Azure OpenAI
//   with one chat deployment (without it answers are written offline from the documents).
// The app settings are the variables src/config.ts validates at start (see .env.example).

@minLength(4)
@maxLength(20)
@description('Prefix of every resource name; must make the Key Vault, web app and database names globally unique.')
param resourceBaseName string

param location string = resourceGroup().location

@description('App Service plan size (B1 is enough for a pilot; P0v3 or above for production).')
param webAppSku string = 'B1'

@description('Client (application) id of the bot\'s single-tenant Microsoft Entra app registration.')
param botAadAppClientId string

@secure()
@description('Client secret of that app registration; stored in Key Vault.')
param botAadAppClientSecret string

@description('Tenant id of that app registration (your Microsoft 365 tenant).')
param botAadAppTenantId string = tenant().tenantId

@maxLength(42)
param botDisplayName string = 'Herts SEND Assistant'

@description('Comma-separated AAD object ids of the first admins (BOT_ADMINS).')
param botAdmins string = ''

@secure()
@description('Comma-separated keys for the HTTP API (API_KEYS); stored in Key Vault. Empty: the API refuses every call.')
param apiKeys string = ''

@description('Create a PostgreSQL Flexible Server and use it (DATABASE_URL) instead of the embedded database.')
param deployPostgres bool = false

@description('Administrator login of the PostgreSQL server.')
param postgresAdminLogin string = 'hertsadmin'

@secure()
@description('Administrator password of the PostgreSQL server (required when deployPostgres).')
param postgresAdminPassword string = ''

@description('Create an Azure OpenAI account with one chat deployment and use it for model-written answers.')
param deployOpenAI bool = false

param openAIModelName string = 'gpt-4o-mini'
param openAIModelVersion string = '2024-07-18'

@description('Deployment capacity in thousands of tokens per minute.')
param openAICapacity int = 10

@description('Deployment type of the model: GlobalStandard is offered in most regions; Standard keeps processing in the region.')
param openAIDeploymentType string = 'GlobalStandard'

@description('How long turns in flight get when the app stops (SHUTDOWN_GRACE_MS); keep it under the time App Service waits before killing it.')
param shutdownGraceMs int = 8000

@secure()
@description('HMAC key for the meeting paper\'s download links; a fresh one each deployment (links last 15 minutes).')
param paperLinkSecret string = '${newGuid()}${newGuid()}'

var keyVaultName = take('${resourceBaseName}kv${uniqueString(resourceGroup().id)}', 24)
var keyVaultSecretsUser = subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '4633458b-17de-408a-b874-0445c86b69e6')
// App settings that read a secret: '${kvRefPrefix}<secret name>)'.
var kvRefPrefix = '@Microsoft.KeyVault(VaultName=${keyVaultName};SecretName='

resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: resourceBaseName
  location: location
  kind: 'linux'
  sku: {
    name: webAppSku
    // One instance unless the store is a PostgreSQL server: the embedded database belongs to one process.
    capacity: 1
  }
  properties: {
    reserved: true
  }
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: keyVaultName
  location: location
  properties: {
    tenantId: tenant().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 30
  }
}

resource botPasswordSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'bot-password'
  properties: {
    value: botAadAppClientSecret
  }
}

resource apiKeysSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(apiKeys)) {
  parent: vault
  name: 'api-keys'
  properties: {
    value: apiKeys
  }
}

resource postgres 'Microsoft.DBforPostgreSQL/flexibleServers@2024-08-01' = if (deployPostgres) {
  name: '${resourceBaseName}-pg'
  location: location
  sku: {
    name: 'Standard_B1ms'
    tier: 'Burstable'
  }
  properties: {
    version: '16'
    administratorLogin: postgresAdminLogin
    administratorLoginPassword: postgresAdminPassword
    storage: {
      storageSizeGB: 32
    }
    backup: {
      backupRetentionDays: 14
      geoRedundantBackup: 'Disabled'
    }
    highAvailability: {
      mode: 'Disabled'
    }
  }
}

resource postgresDatabase 'Microsoft.DBforPostgreSQL/flexibleServers/databases@2024-08-01' = if (deployPostgres) {
  parent: postgres
  name: 'herts'
  properties: {
    charset: 'UTF8'
    collation: 'en_US.utf8'
  }
}

// Lets Azure services (the web app's outbound addresses) reach the server; use VNet integration and a
// private endpoint instead where policy requires it.
resource postgresAllowAzure 'Microsoft.DBforPostgreSQL/flexibleServers/firewallRules@2024-08-01' = if (deployPostgres) {
  parent: postgres
  name: 'AllowAllAzureServicesAndResourcesWithinAzureIps'
  properties: {
    startIpAddress: '0.0.0.0'
    endIpAddress: '0.0.0.0'
  }
}

resource databaseUrlSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (deployPostgres) {
  parent: vault
  name: 'database-url'
  properties: {
    value: deployPostgres ? 'postgres://${postgresAdminLogin}:${uriComponent(postgresAdminPassword)}@${postgres.properties.fullyQualifiedDomainName}:5432/herts?sslmode=require' : ''
  }
}

resource openAI 'Microsoft.CognitiveServices/accounts@2023-05-01' = if (deployOpenAI) {
  name: '${resourceBaseName}-openai'
  location: location
  kind: 'OpenAI'
  sku: {
    name: 'S0'
  }
  properties: {
    customSubDomainName: toLower('${resourceBaseName}-openai-${uniqueString(resourceGroup().id)}')
    publicNetworkAccess: 'Enabled'
  }
}

resource openAIDeployment 'Microsoft.CognitiveServices/accounts/deployments@2023-05-01' = if (deployOpenAI) {
  parent: openAI
  name: openAIModelName
  sku: {
    name: openAIDeploymentType
    capacity: openAICapacity
  }
  properties: {
    model: {
      format: 'OpenAI'
      name: openAIModelName
      version: openAIModelVersion
    }
  }
}

resource paperLinkSecretValue 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'paper-link-secret'
  properties: {
    value: paperLinkSecret
  }
}

resource openAIKeySecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (deployOpenAI) {
  parent: vault
  name: 'azure-openai-api-key'
  properties: {
    value: deployOpenAI ? openAI.listKeys().key1 : ''
  }
}

var baseSettings = [
  { name: 'NODE_ENV', value: 'production' }
  { name: 'LOG_LEVEL', value: 'info' }
  { name: 'MicrosoftAppId', value: botAadAppClientId }
  { name: 'MicrosoftAppPassword', value: '${kvRefPrefix}bot-password)' }
  { name: 'MicrosoftAppType', value: 'SingleTenant' }
  { name: 'MicrosoftAppTenantId', value: botAadAppTenantId }
  { name: 'BOT_ADMINS', value: botAdmins }
  { name: 'TIMEZONE', value: 'Europe/London' }
  { name: 'SHUTDOWN_GRACE_MS', value: string(shutdownGraceMs) }
  // The Progress tab: its public address, the app ID URI its sign-on tokens are for, the paper links' key.
  { name: 'PUBLIC_URL', value: 'https://${resourceBaseName}.azurewebsites.net' }
  { name: 'TAB_SSO_APP_ID_URI', value: 'api://${resourceBaseName}.azurewebsites.net/${botAadAppClientId}' }
  { name: 'PAPER_LINK_SECRET', value: '${kvRefPrefix}paper-link-secret)' }
  // App Service keeps /home across restarts and instances: the embedded store and index cache live there.
  { name: 'DATA_DIR', value: '/home/data' }
  { name: 'SCM_DO_BUILD_DURING_DEPLOYMENT', value: 'false' }
]
var apiKeySettings = empty(apiKeys) ? [] : [{ name: 'API_KEYS', value: '${kvRefPrefix}api-keys)' }]
var postgresSettings = deployPostgres ? [{ name: 'DATABASE_URL', value: '${kvRefPrefix}database-url)' }] : []
var openAISettings = deployOpenAI
  ? [
      { name: 'AZURE_OPENAI_ENDPOINT', value: openAI.properties.endpoint }
      { name: 'AZURE_OPENAI_DEPLOYMENT', value: openAIModelName }
      { name: 'AZURE_OPENAI_API_KEY', value: '${kvRefPrefix}azure-openai-api-key)' }
    ]
  : []

resource webApp 'Microsoft.Web/sites@2023-12-01' = {
  name: resourceBaseName
  location: location
  kind: 'app,linux'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    siteConfig: {
      linuxFxVersion: 'NODE|20-lts'
      appCommandLine: 'node dist/src/index.js'
      alwaysOn: true
      healthCheckPath: '/healthz'
      http20Enabled: true
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      appSettings: concat(baseSettings, apiKeySettings, postgresSettings, openAISettings)
    }
  }
}

resource webAppReadsSecrets 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, webApp.id, keyVaultSecretsUser)
  scope: vault
  properties: {
    roleDefinitionId: keyVaultSecretsUser
    principalId: webApp.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: resourceBaseName
  location: 'global'
  kind: 'azurebot'
  sku: {
    name: 'F0'
  }
  properties: {
    displayName: botDisplayName
    endpoint: 'https://${webApp.properties.defaultHostName}/api/messages'
    msaAppId: botAadAppClientId
    msaAppType: 'SingleTenant'
    msaAppTenantId: botAadAppTenantId
  }
}

resource teamsChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
  }
}

// Written to env/.env.<environment> by the toolkit (arm/deploy outputs).
output AZURE_APP_SERVICE_RESOURCE_ID string = webApp.id
output BOT_DOMAIN string = webApp.properties.defaultHostName
output BOT_ENDPOINT string = 'https://${webApp.properties.defaultHostName}'
output AZURE_KEY_VAULT_NAME string = vault.name
