#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# Pester 5 suite for the help as users read it with Get-Help in pwsh: every cmdlet has every
# section filled in, its parameter metadata is the cmdlet's own, the fragments under module/help
# are what module/help/Update-HelpFragment.ps1 makes of them, and about_Daemontools exists.

BeforeDiscovery {
    $manifest = Import-PowerShellDataFile (Join-Path $PSScriptRoot '../../Daemontools.psd1')
    $cmdlets = @($manifest.CmdletsToExport | ForEach-Object { @{ Name = $_ } })
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'Support/TestSupport.psm1') -Force
    Import-Module (Get-BuiltModule) -Force
    $common = [System.Management.Automation.Cmdlet]::CommonParameters + 'UseTransaction'
}

Describe 'Get-Help <Name>' -ForEach $cmdlets {
    BeforeAll {
        $help = Get-Help $Name -Full
        $command = Get-Command $Name
    }

    It 'has a synopsis and a description' {
        $help.Synopsis | Should -Not -BeNullOrEmpty
        $help.Synopsis | Should -Not -BeLike "$Name*"
        ($help.description.Text -join '') | Should -Not -BeNullOrEmpty
    }

    It 'describes every parameter with the cmdlet''s own metadata' {
        $parameters = @($command.Parameters.Values | Where-Object Name -notin $common)
        foreach ($parameter in $parameters) {
            $documented = $help.parameters.parameter | Where-Object name -eq $parameter.Name
            $documented | Should -Not -BeNullOrEmpty -Because "$($parameter.Name) needs help"
            ($documented.description.Text -join '') | Should -Not -BeNullOrEmpty -Because "$($parameter.Name) needs a description"
            $documented.defaultValue | Should -Not -BeNullOrEmpty -Because "$($parameter.Name) needs a default value"
            $attributes = @($parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] })
            # For a parameter in several sets, the sets it shares with every other (or else all of them) decide.
            $inSet = @($attributes | Where-Object ParameterSetName -eq '__AllParameterSets')
            if (-not $inSet) { $inSet = $attributes }
            $documented.required | Should -Be ([bool]($inSet | Where-Object Mandatory)).ToString().ToLowerInvariant() -Because "$($parameter.Name) required"
            $position = ($attributes | Where-Object Position -ge 0 | Select-Object -First 1).Position
            $documented.position | Should -Be $(if ($null -ne $position) { "$position" } else { 'named' }) -Because "$($parameter.Name) position"
            $byValue = [bool]($attributes | Where-Object ValueFromPipeline)
            $byName = [bool]($attributes | Where-Object ValueFromPipelineByPropertyName)
            $documented.pipelineInput | Should -Be $(if ($byValue -and $byName) { 'True (ByValue, ByPropertyName)' } elseif ($byValue) { 'True (ByValue)' } elseif ($byName) { 'True (ByPropertyName)' } else { 'False' }) -Because "$($parameter.Name) pipeline input"
            $documented.globbing | Should -Be ([bool]($parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.SupportsWildcardsAttribute] })).ToString().ToLowerInvariant() -Because "$($parameter.Name) wildcards"
            $documented.aliases | Should -Be $(if ($parameter.Aliases.Count) { $parameter.Aliases -join ', ' } else { 'none' }) -Because "$($parameter.Name) aliases"
        }
    }

    It 'names its inputs and outputs and says what they are' {
        @($help.inputTypes.inputType).Count | Should -BeGreaterThan 0
        foreach ($type in @($help.inputTypes.inputType) + @($help.returnValues.returnValue)) {
            $type.type.name | Should -Not -BeNullOrEmpty
            ($type.description.Text -join '') | Should -Not -BeNullOrEmpty -Because "$($type.type.name) needs a description"
        }
        $declared = @($command.OutputType.Name)
        if ($declared) { @($help.returnValues.returnValue.type.name) | Should -Be $declared }
    }

    It 'has titled examples with PS> code and an explanation' {
        @($help.examples.example).Count | Should -BeGreaterThan 0
        foreach ($example in $help.examples.example) {
            $example.title | Should -Match '^-+ Example \d+: \S.* -+$'
            $example.code | Should -BeLike 'PS> *'
            ($example.remarks.Text -join '') | Should -Not -BeNullOrEmpty
        }
    }

    It 'links to related commands and about_Daemontools' {
        $links = @($help.relatedLinks.navigationLink.linkText)
        $links | Should -Contain 'about_Daemontools'
        $links.Count | Should -BeGreaterThan 1
    }

    It 'has nothing left to write' {
        $help | Out-String -Width 200 | Should -Not -Match 'TODO'
    }
}

Describe 'The help sources' {
    It 'are what Update-HelpFragment.ps1 makes of them' {
        $fresh = Join-Path ([IO.Path]::GetTempPath()) ('dt-help-' + [guid]::NewGuid())
        New-Item -ItemType Directory -Path $fresh | Out-Null
        try {
            $script = Join-Path (Get-RepoRoot) 'module/help/Update-HelpFragment.ps1'
            $ran = Invoke-TestPwsh -Command "& '$script' -Module '$(Get-BuiltModule)' -OutputFolder '$fresh' | Out-Null"
            $ran.ExitCode | Should -Be 0 -Because $ran.Error
            foreach ($file in Get-ChildItem $fresh -Filter *.xml) {
                $committed = Join-Path (Get-RepoRoot) "module/help/$($file.Name)"
                Get-Content -Raw $file.FullName | Should -BeExactly (Get-Content -Raw $committed) -Because "module/help/$($file.Name) is out of date: run module/help/Update-HelpFragment.ps1"
            }
        }
        finally { Remove-Item -Recurse -Force $fresh }
    }

    It 'include about_Daemontools' {
        $about = Get-Help about_Daemontools | Out-String
        $about | Should -Match 'THE SCAN DIRECTORY'
        $about | Should -Match 'WHERE THINGS ARE'
    }
}
