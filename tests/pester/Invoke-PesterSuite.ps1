#!/usr/bin/env pwsh
# Runs the Pester suites of this folder in this (new) pwsh process with the Pester module given,
# and writes the counts as JSON for build.ps1 -Test, which adds them to xunit's.
param(
    [Parameter(Mandatory)] [string] $PesterModule,
    [Parameter(Mandatory)] [string] $ResultPath,
    [string[]] $Path = @($PSScriptRoot)
)
$ErrorActionPreference = 'Stop'
Import-Module $PesterModule
$configuration = New-PesterConfiguration
$configuration.Run.Path = $Path
$configuration.Run.PassThru = $true
$configuration.Output.Verbosity = 'Detailed'
$result = Invoke-Pester -Configuration $configuration
if (-not $result) {
    # Pester itself failed (no suite found, a path that does not exist): that is a failed run.
    @{ Passed = 0; Failed = 1; Skipped = 0 } | ConvertTo-Json | Set-Content -Path $ResultPath
    exit 1
}
# A failing BeforeAll/AfterAll or a suite that cannot be loaded fails the run too.
$failed = $result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount
@{ Passed = $result.PassedCount; Failed = $failed; Skipped = $result.SkippedCount + $result.NotRunCount } |
    ConvertTo-Json | Set-Content -Path $ResultPath
exit ([int]($failed -gt 0))
